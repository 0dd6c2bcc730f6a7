"""Publishes one CloudTrail record with Confluent's legacy Python AvroProducer, its schemas registered through
Trailwatch's registry proxy with an access key as HTTP Basic credentials (basic.auth.user.info).

Usage: produce_audit_via_registry_proxy.py BOOTSTRAP REGISTRY_URL USER_INFO SCHEMA_FILE TOPIC BUCKET EVENT_ID

With KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD in the environment it logs in to Kafka with SASL/PLAIN, as
librdkafka before 2.6.1 must on Trailwatch's embedded Kafka 4 broker (its SCRAM fails Kafka 4's nonce check).
"""
import datetime
import os
import sys

from confluent_kafka import avro
from confluent_kafka.avro import AvroProducer

bootstrap, registry, user_info, schema_file, topic, bucket, event_id = sys.argv[1:8]
with open(schema_file) as f:
    value_schema = avro.loads(f.read())
key_schema = avro.loads('"string"')

config = {
    "bootstrap.servers": bootstrap,
    "schema.registry.url": registry,
    "schema.registry.basic.auth.credentials.source": "USER_INFO",
    "schema.registry.basic.auth.user.info": user_info,
    "partitioner": "murmur2_random",
    "enable.idempotence": True,
}
if os.environ.get("KAFKA_SASL_USERNAME"):
    config.update({
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanisms": "PLAIN",
        "sasl.username": os.environ["KAFKA_SASL_USERNAME"],
        "sasl.password": os.environ["KAFKA_SASL_PASSWORD"],
    })
producer = AvroProducer(config, default_key_schema=key_schema, default_value_schema=value_schema)

event = {
    "eventVersion": "1.08",
    "eventID": event_id,
    "eventTime": datetime.datetime.now(datetime.timezone.utc),
    "eventSource": "s3.amazonaws.com",
    "eventName": "DeleteBucket",
    "awsRegion": "eu-west-1",
    "sourceIPAddress": "198.51.100.98",
    "userAgent": "Boto3/1.34.0 Python/3.11",
    "userIdentity": {
        "type": "IAMUser",
        "principalId": "AIDAPYTHONPROXY",
        "arn": "arn:aws:iam::123456789012:user/python-proxy",
        "accountId": "123456789012",
        "accessKeyId": "AKIAPYTHONPROXY",
        "userName": "python-proxy",
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
try:
    producer.produce(topic=topic, key=event_id, value=event)
except Exception as e:  # the registry's refusal, as the client reports it
    sys.exit("refused: %s" % e)
remaining = producer.flush(30)
if remaining:
    sys.exit("%d message(s) not delivered" % remaining)
print("published " + event_id)
