package io.trailwatch.processors.alarm;

import io.trailwatch.avro.AlarmStateValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recursive-descent parser of the AlarmRule language of PutCompositeAlarm.
 *
 * <pre>
 * rule    := or
 * or      := and ("OR" and)*
 * and     := unary ("AND" unary)*
 * unary   := "NOT" unary | primary
 * primary := "(" or ")" | "TRUE" | "FALSE" | state "(" alarm ")"
 * state   := "ALARM" | "OK" | "INSUFFICIENT_DATA"
 * alarm   := '"' any character but '"' '"' | one or more characters but whitespace, '(', ')', '"'
 * </pre>
 *
 * Decisions where the API reference is silent:
 * <ul>
 *   <li>Precedence: NOT binds tighter than AND, AND tighter than OR, as in the boolean languages the rule
 *       resembles; CloudWatch's examples always parenthesise mixed AND/OR.</li>
 *   <li>Keywords and state functions are case-insensitive: AWS's own text writes the constant in three ways
 *       ("TRUE", "change the AlarmRule ... to {@code false}" in DeleteAlarms, "{@code False}" in the User Guide).</li>
 *   <li>Quoted names have no escape character: none is documented, so a name containing '"' cannot be named.</li>
 * </ul>
 */
final class AlarmRuleParser {

    static final int MAX_LENGTH = 10_240;
    static final int MAX_CHILDREN = 100;
    static final int MAX_ELEMENTS = 500;
    static final int MAX_NAME = 255;
    static final int MAX_ARN = 1_600;

    private final String text;
    private final Map<String, String> references = new LinkedHashMap<>();
    private int position;
    private int elements;

    private AlarmRuleParser(final String text) {
        this.text = text;
    }

    /** The parsed rule and, in order of first appearance, each child's name and the reference first used for it. */
    record Parsed(RuleNode root, Map<String, String> references) {
    }

    static Parsed parse(final String text) {
        if (text == null) {
            throw new AlarmRuleException(0, "AlarmRule is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new AlarmRuleException(MAX_LENGTH, "must be at most " + MAX_LENGTH + " characters, was "
                + text.length());
        }
        final AlarmRuleParser parser = new AlarmRuleParser(text);
        final RuleNode root = parser.or();
        parser.skipWhitespace();
        if (!parser.atEnd()) {
            throw parser.error("expected AND, OR or the end of the rule, found " + parser.describeNext());
        }
        return new Parsed(root, Collections.unmodifiableMap(parser.references));
    }

    private RuleNode or() {
        final List<RuleNode> operands = new ArrayList<>(List.of(and()));
        while (keyword("OR")) {
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new RuleNode.Junction(false, operands);
    }

    private RuleNode and() {
        final List<RuleNode> operands = new ArrayList<>(List.of(unary()));
        while (keyword("AND")) {
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : new RuleNode.Junction(true, operands);
    }

    private RuleNode unary() {
        return keyword("NOT") ? new RuleNode.Not(unary()) : primary();
    }

    private RuleNode primary() {
        skipWhitespace();
        final int start = position;
        if (peek('(')) {
            countElement(start);
            position++;
            final RuleNode inner = or();
            expect(')', "expected ')' to close the '(' at position " + start);
            return inner;
        }
        final String word = word();
        switch (word.toUpperCase(Locale.ROOT)) {
            case "TRUE", "FALSE" -> {
                countElement(start);
                position += word.length();
                return new RuleNode.Constant(word.equalsIgnoreCase("TRUE"));
            }
            case "ALARM", "OK", "INSUFFICIENT_DATA" -> {
                countElement(start);
                position += word.length();
                final AlarmStateValue state = AlarmStateValue.valueOf(word.toUpperCase(Locale.ROOT));
                expect('(', "expected '(' after " + word);
                final String child = alarm();
                expect(')', "expected ')' after the alarm name");
                return new RuleNode.StateIs(state, child);
            }
            default -> throw error(word.isEmpty()
                ? "expected ALARM, OK, INSUFFICIENT_DATA, TRUE, FALSE, NOT or '(', found " + describeNext()
                : "unknown function or keyword '" + word + "'");
        }
    }

    /** Reads an alarm name or ARN and records the child it names. */
    private String alarm() {
        skipWhitespace();
        final int start = position;
        final String reference;
        if (peek('"')) {
            final int close = text.indexOf('"', start + 1);
            if (close < 0) {
                throw error("unterminated quoted alarm name");
            }
            reference = text.substring(start + 1, close);
            position = close + 1;
        } else {
            while (!atEnd() && !Character.isWhitespace(current()) && "()\"".indexOf(current()) < 0) {
                position++;
            }
            reference = text.substring(start, position);
        }
        final boolean arn = reference.startsWith("arn:");
        final int max = arn ? MAX_ARN : MAX_NAME;
        if (reference.isEmpty() || reference.length() > max) {
            throw new AlarmRuleException(start, "an alarm " + (arn ? "ARN" : "name") + " must be 1 to " + max
                + " characters");
        }
        if (reference.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new AlarmRuleException(start, "an alarm name must not contain ASCII control characters");
        }
        final String child = AlarmRule.alarmNameOf(reference);
        if (!references.containsKey(child) && references.size() == MAX_CHILDREN) {
            throw new AlarmRuleException(start, "more than " + MAX_CHILDREN + " child alarms");
        }
        references.putIfAbsent(child, reference);
        return child;
    }

    /** Consumes the keyword if it is the next word, whatever its case. */
    private boolean keyword(final String keyword) {
        skipWhitespace();
        final String word = word();
        if (word.equalsIgnoreCase(keyword)) {
            position += word.length();
            return true;
        }
        return false;
    }

    /** The word starting at the current position, without consuming it; empty if none. */
    private String word() {
        int end = position;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return text.substring(position, end);
    }

    private void countElement(final int start) {
        if (++elements > MAX_ELEMENTS) {
            throw new AlarmRuleException(start, "more than " + MAX_ELEMENTS + " elements");
        }
    }

    private void expect(final char expected, final String message) {
        skipWhitespace();
        if (!peek(expected)) {
            throw error(message + ", found " + describeNext());
        }
        position++;
    }

    private void skipWhitespace() {
        while (!atEnd() && Character.isWhitespace(current())) {
            position++;
        }
    }

    private boolean peek(final char c) {
        return !atEnd() && current() == c;
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char current() {
        return text.charAt(position);
    }

    private String describeNext() {
        return atEnd() ? "the end of the rule" : "'" + current() + "'";
    }

    private AlarmRuleException error(final String reason) {
        return new AlarmRuleException(position, reason);
    }
}
