package com.example.reports.storage;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.File;

public class S3StaticCredentialsBad {
    private final AmazonS3 s3;

    public S3StaticCredentialsBad() {
        BasicAWSCredentials creds = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        this.s3 = AmazonS3ClientBuilder.standard()
                .withRegion("eu-west-1")
                .withCredentials(new AWSStaticCredentialsProvider(creds))
                .build();
    }

    public void upload(File report, String key) {
        s3.putObject("company-reports", key, report);
    }
}
