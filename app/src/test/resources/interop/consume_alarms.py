"""Reads Trailwatch's alarm state changes with Confluent's legacy Python AvroConsumer until the named alarm is in
ALARM, then prints that state change as JSON.

Usage: consume_alarms.py BOOTSTRAP REGISTRY_URL TOPIC ALARM_NAME TIMEOUT_SECONDS
"""
import json
import sys
import time
import uuid

from confluent_kafka.avro import AvroConsumer

bootstrap, registry, topic, alarm_name, timeout = sys.argv[1:6]
consumer = AvroConsumer({
    "bootstrap.servers": bootstrap,
    "schema.registry.url": registry,
    "group.id": "interop-" + str(uuid.uuid4()),
    "auto.offset.reset": "earliest",
    "isolation.level": "read_committed",
})
consumer.subscribe([topic])
deadline = time.time() + float(timeout)
try:
    while time.time() < deadline:
        message = consumer.poll(1.0)
        if message is None or message.error():
            continue
        change = message.value()
        if message.key() == alarm_name and change["state"]["value"] == "ALARM":
            print(json.dumps(change, default=str))
            sys.exit(0)
finally:
    consumer.close()
sys.exit("no ALARM state change for %s within %s s" % (alarm_name, timeout))
