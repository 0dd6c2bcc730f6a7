package io.trailwatch.aws;

/**
 * The types a member's value has on the wire that JSON alone does not say: query forms carry every value as text,
 * and each protocol writes timestamps its own way (epoch seconds in JSON, a CBOR tag, ISO-8601 in XML). Inside
 * Trailwatch a timestamp is ISO-8601 text, numbers are numbers and booleans booleans, whatever the protocol.
 */
public enum MemberType {
    TIMESTAMP,
    INTEGER,
    LONG,
    DOUBLE,
    BOOLEAN,
    /** A list: the query protocol sends an empty one as {@code Name=} with no members. */
    LIST,
    /** A map: XML writes it as {@code <entry><key/><value/></entry>}, JSON as an object. */
    MAP
}
