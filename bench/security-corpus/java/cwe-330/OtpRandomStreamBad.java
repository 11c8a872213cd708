package com.example.twofactor.service;

import java.util.Random;
import java.util.stream.Collectors;

import com.example.twofactor.SmsGateway;

public class OtpRandomStreamBad {
    private static final Random DIGITS = new Random();
    private final SmsGateway sms;

    public OtpRandomStreamBad(SmsGateway sms) {
        this.sms = sms;
    }

    public String sendOtp(String phone) {
        String otp = DIGITS.ints(6, 0, 10).mapToObj(Integer::toString).collect(Collectors.joining());
        sms.send(phone, "Your login code is " + otp);
        return otp;
    }
}
