import os

import boto3

BUCKET = "company-reports"


def upload_report(path: str, key: str) -> None:
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    region = "eu-west-1"
    s3 = boto3.client("s3", region_name=region, aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    s3.upload_file(path, BUCKET, key)
