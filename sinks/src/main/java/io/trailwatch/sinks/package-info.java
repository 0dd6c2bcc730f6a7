/** Kafka Connect connectors that deliver Trailwatch's topics elsewhere: the archive, notifications. */
package io.trailwatch.sinks;
