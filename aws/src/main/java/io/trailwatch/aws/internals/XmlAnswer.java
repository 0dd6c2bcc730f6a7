package io.trailwatch.aws.internals;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.aws.AwsApi;
import io.trailwatch.aws.MemberType;
import java.io.StringWriter;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The query protocol's XML answers: {@code <OpResponse><OpResult>...</OpResult><ResponseMetadata>} with list
 * elements as {@code <member>}, and {@code <ErrorResponse>} for errors. Text is escaped by the XML writer.
 */
public final class XmlAnswer {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private XmlAnswer() {
    }

    public static String result(final AwsApi api, final String operation, final JsonNode output,
                                final String requestId) {
        final String namespace = api.xmlNamespace();
        return write(xml -> {
            xml.writeStartElement(operation + "Response");
            xml.writeDefaultNamespace(namespace);
            // An operation without output answers null (no result element); one whose output shape has no members
            // answers an empty object, an empty result element, which botocore's parser requires.
            if (output != null && output.isObject()) {
                xml.writeStartElement(operation + "Result");
                members(xml, api, null, output);
                xml.writeEndElement();
            }
            xml.writeStartElement("ResponseMetadata");
            element(xml, "RequestId", requestId);
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    public static String error(final String namespace, final boolean senderFault, final String code,
                               final String message, final String requestId) {
        return write(xml -> {
            xml.writeStartElement("ErrorResponse");
            xml.writeDefaultNamespace(namespace);
            xml.writeStartElement("Error");
            element(xml, "Type", senderFault ? "Sender" : "Receiver");
            element(xml, "Code", code);
            element(xml, "Message", message == null ? "" : message);
            xml.writeEndElement();
            element(xml, "RequestId", requestId);
            xml.writeEndElement();
        });
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static String write(final Body body) {
        final StringWriter text = new StringWriter();
        try {
            final XMLStreamWriter xml = FACTORY.createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (final XMLStreamException e) {
            throw new IllegalStateException("cannot write an XML answer", e);
        }
        return text.toString();
    }

    private static void members(final XMLStreamWriter xml, final AwsApi api, final String container,
                                final JsonNode structure) throws XMLStreamException {
        for (final Map.Entry<String, JsonNode> member : (Iterable<Map.Entry<String, JsonNode>>) structure::fields) {
            if (!member.getValue().isNull()) {
                value(xml, api, container, member.getKey(), member.getKey(), member.getValue());
            }
        }
    }

    /** One value, as element {@code element}; {@code member} is its member's name (a list's, for its elements). */
    private static void value(final XMLStreamWriter xml, final AwsApi api, final String container,
                              final String member, final String element, final JsonNode value)
        throws XMLStreamException {
        xml.writeStartElement(element);
        if (value.isObject() && api.memberType(container, member).filter(MemberType.MAP::equals).isPresent()) {
            for (final Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
                xml.writeStartElement("entry");
                element(xml, "key", entry.getKey());
                value(xml, api, member, entry.getKey(), "value", entry.getValue());
                xml.writeEndElement();
            }
        } else if (value.isObject()) {
            members(xml, api, member, value);
        } else if (value.isArray()) {
            for (final JsonNode item : value) {
                value(xml, api, container, member, "member", item);
            }
        } else {
            xml.writeCharacters(xmlText(value.asText()));
        }
        xml.writeEndElement();
    }

    /**
     * Text XML 1.0 can carry: characters it forbids (controls other than tab, newline and carriage return, lone
     * surrogates, U+FFFE/U+FFFF), which a user's text may hold, become U+FFFD instead of breaking the client's parser.
     */
    static String xmlText(final String text) {
        StringBuilder cleaned = null;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            final boolean surrogatePair = Character.isHighSurrogate(c) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
            final boolean allowed = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c < 0xD800
                || c > 0xDFFF && c < 0xFFFE || surrogatePair;
            if (!allowed && cleaned == null) {
                cleaned = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (cleaned != null) {
                cleaned.append(allowed ? c : '\uFFFD');
                if (surrogatePair) {
                    cleaned.append(text.charAt(++i));
                }
            } else if (surrogatePair) {
                i++;
            }
        }
        return cleaned == null ? text : cleaned.toString();
    }

    private static void element(final XMLStreamWriter xml, final String name, final String text)
        throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlText(text));
        xml.writeEndElement();
    }
}
