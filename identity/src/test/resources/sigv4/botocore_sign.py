"""Signs requests with botocore's own SigV4 signers and prints them as a server would receive them.

Usage: botocore_sign.py ACCESS_KEY_ID SECRET_ACCESS_KEY SERVICE REGION

Prints a JSON array; each element is one request: name, method, path and query exactly as they go on the wire
(botocore sends a query space as '+'), every header including the Host the HTTP client adds, the body as UTF-8
and signedAt, the signer's timestamp in ISO 8601 basic format.
"""
import json
import sys
from urllib.parse import urlsplit

from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ENDPOINT = 'https://trailwatch.example.com:8443'


def on_the_wire(name, request, signer):
    signer.add_auth(request)
    prepared = request.prepare()
    url = urlsplit(prepared.url)
    headers = {'Host': [url.netloc]}
    for key, value in prepared.headers.items():
        headers.setdefault(key, []).append(value)
    body = prepared.body or b''
    if isinstance(body, str):
        body = body.encode('utf-8')
    return {
        'name': name,
        'method': prepared.method,
        'path': url.path,
        'query': url.query if url.query else None,
        'headers': headers,
        'body': body.decode('utf-8'),
        'signedAt': request.context['timestamp'],
    }


def main():
    access_key, secret_key, service, region = sys.argv[1:5]
    credentials = Credentials(access_key, secret_key)
    header_signer = SigV4Auth(credentials, service, region)
    cases = []

    cases.append(on_the_wire('post-json', AWSRequest(
        method='POST', url=ENDPOINT + '/v1/alarms',
        data=json.dumps({'AlarmName': 'High CPU', 'Threshold': 90.5}).encode('utf-8'),
        headers={'Content-Type': 'application/json'}), header_signer))

    cases.append(on_the_wire('get-query', AWSRequest(
        method='GET', url=ENDPOINT + '/v1/metrics',
        params=[('Namespace', 'AWS/EC2 x'), ('Dim', 'a+b/c=d'), ('City', 'Z\u00fcrich \u2603'),
                ('Tag', 'b'), ('Tag', 'a'), ('Empty', '')]), header_signer))

    cases.append(on_the_wire('path-normalized', AWSRequest(
        method='POST', url=ENDPOINT + '/v1/./alarms/../alarms//My%20Alarm%2F1',
        data=b'{}', headers={'Content-Type': 'application/json'}), header_signer))

    cases.append(on_the_wire('header-whitespace', AWSRequest(
        method='GET', url=ENDPOINT + '/v1/alarms',
        headers={'X-Trailwatch-Note': '  two   spaces\tand a tab  '}), header_signer))

    # With a Date header botocore signs it instead of adding X-Amz-Date.
    cases.append(on_the_wire('date-header', AWSRequest(
        method='GET', url=ENDPOINT + '/v1/alarms', headers={'Date': 'replaced by the signer'}), header_signer))

    cases.append(on_the_wire('presigned', AWSRequest(
        method='GET', url=ENDPOINT + '/v1/alarms', params={'AlarmName': 'High CPU'}),
        SigV4QueryAuth(credentials, service, region, expires=300)))

    json.dump(cases, sys.stdout)


if __name__ == '__main__':
    main()
