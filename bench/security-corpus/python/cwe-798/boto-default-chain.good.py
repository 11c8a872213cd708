import os

import boto3

BUCKET = "company-reports"


def upload_report(path: str, key: str) -> None:
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    session = boto3.session.Session(profile_name=None)
    s3 = session.client("s3", region_name="eu-west-1")
    s3.upload_file(path, BUCKET, key)
