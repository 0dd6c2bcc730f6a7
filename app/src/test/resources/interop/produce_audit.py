"""Publishes one CloudTrail DeleteBucket record to Trailwatch with Confluent's legacy Python AvroProducer.

Usage: produce_audit.py BOOTSTRAP REGISTRY_URL SCHEMA_FILE TOPIC BUCKET EVENT_ID
"""
import datetime
import sys

from confluent_kafka import avro
from confluent_kafka.avro import AvroProducer

bootstrap, registry, schema_file, topic, bucket, event_id = sys.argv[1:7]
with open(schema_file) as f:
    value_schema = avro.loads(f.read())
key_schema = avro.loads('"string"')

producer = AvroProducer({
    "bootstrap.servers": bootstrap,
    "schema.registry.url": registry,
    # Java's partitioner, so the same key lands on the same partition whoever produces it
    "partitioner": "murmur2_random",
    "enable.idempotence": True,
}, default_key_schema=key_schema, default_value_schema=value_schema)

event = {
    "eventVersion": "1.08",
    "eventID": event_id,
    "eventTime": datetime.datetime.now(datetime.timezone.utc),
    "eventSource": "s3.amazonaws.com",
    "eventName": "DeleteBucket",
    "awsRegion": "eu-west-1",
    "sourceIPAddress": "198.51.100.99",
    "userAgent": "Boto3/1.34.0 Python/3.11",
    "userIdentity": {
        "type": "IAMUser",
        "principalId": "AIDAPYTHONEXAMPLE",
        "arn": "arn:aws:iam::123456789012:user/python",
        "accountId": "123456789012",
        "accessKeyId": "AKIAPYTHONEXAMPLE",
        "userName": "python",
        "invokedBy": None,
        "sessionContext": None,
    },
    "requestParameters": '{"bucketName": "%s"}' % bucket,
    "eventType": "AwsApiCall",
    "eventCategory": "Management",
    "readOnly": False,
    "managementEvent": True,
    "recipientAccountId": "123456789012",
}
producer.produce(topic=topic, key=event_id, value=event)
remaining = producer.flush(30)
if remaining:
    sys.exit("%d message(s) not delivered" % remaining)
print("published " + event_id)
