"""Calls one operation of an AWS service through boto3, against Trailwatch's endpoint.

usage: boto3_call.py ENDPOINT SERVICE METHOD PARAMS_JSON
Credentials come from the environment (AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE). Prints one JSON line:
{"ok": <response without ResponseMetadata>} or {"error": {"Code":..,"Message":..}, "type": <exception class>,
"status": <HTTP status>}, and which botocore and protocol answered.
"""
import json
import sys

import boto3
import botocore
from botocore.config import Config


def main():
    endpoint, service, method, params = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    client = boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                          config=Config(retries={"max_attempts": 1, "mode": "standard"}))
    meta = {"botocore": botocore.__version__, "protocol": client.meta.service_model.protocol}
    try:
        response = getattr(client, method)(**params)
        response.pop("ResponseMetadata", None)
        print(json.dumps({"ok": response, **meta}, default=str))
    except botocore.exceptions.ClientError as e:
        print(json.dumps({"error": e.response.get("Error", {}), "type": type(e).__name__,
                          "status": e.response["ResponseMetadata"]["HTTPStatusCode"], **meta}, default=str))


if __name__ == "__main__":
    main()
