package com.example.reports.storage;

import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.File;

public class S3DefaultChainGood {
    private final AmazonS3 s3;

    public S3DefaultChainGood() {
        this.s3 = AmazonS3ClientBuilder.standard()
                .withRegion("eu-west-1")
                .withCredentials(DefaultAWSCredentialsProviderChain.getInstance())
                .build();
    }

    public void upload(File report, String key) {
        s3.putObject("company-reports", key, report);
    }
}
