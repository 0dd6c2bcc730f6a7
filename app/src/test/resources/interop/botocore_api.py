"""Calls the Trailwatch HTTP API as botocore (and so boto3 and the AWS CLI) calls an AWS service: each request is
signed with botocore's own SigV4Auth and sent with botocore's own HTTP session (URLLib3Session).

Usage: botocore_api.py ENDPOINT ACCESS_KEY_ID SECRET_ACCESS_KEY SERVICE REGION REQUESTS_JSON

REQUESTS_JSON is a JSON array of requests, each {"name", "method", "path", "query", "body", "secret"}:
  path   the path as it goes on the wire, already percent-encoded (e.g. /v1/alarms/My%20Alarm);
  query  a list of [name, value] pairs, or null; botocore encodes them itself (a space as '+');
  body   a JSON value sent as application/json, or null for no body;
  secret optional: sign with this secret instead of SECRET_ACCESS_KEY (a refusal case).

Prints a JSON array: per request its name, the HTTP status and the response body as text.
"""
import json
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.httpsession import URLLib3Session


def main():
    endpoint, access_key, secret_key, service, region, requests = sys.argv[1:7]
    session = URLLib3Session(timeout=60)
    answers = []
    try:
        for spec in json.loads(requests):
            headers = {}
            data = None
            if spec.get('body') is not None:
                data = json.dumps(spec['body']).encode('utf-8')
                headers['Content-Type'] = 'application/json'
            request = AWSRequest(method=spec['method'], url=endpoint + spec['path'],
                                 params=[tuple(pair) for pair in spec.get('query') or []],
                                 data=data, headers=headers)
            credentials = Credentials(access_key, spec.get('secret') or secret_key)
            SigV4Auth(credentials, service, region).add_auth(request)
            response = session.send(request.prepare())
            answers.append({
                'name': spec['name'],
                'status': response.status_code,
                'body': response.content.decode('utf-8'),
            })
    finally:
        session.close()
    json.dump(answers, sys.stdout)


if __name__ == '__main__':
    main()
