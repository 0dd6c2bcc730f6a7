package io.trailwatch.processors.filter.pattern;

import static io.trailwatch.processors.filter.pattern.PatternAssertions.parseError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every syntax error names the 0-based position where it was found and a specific reason. */
class FilterPatternErrorTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiterString = " ~> ", quoteCharacter = '`', value = {
        // Unbalanced braces, parentheses and brackets.
        "{ $.a = 1 ~> 9 ~> expected '}' to close the JSON pattern",
        "{ ($.a = 1 } ~> 11 ~> expected ')' to close '(' at position 2, found '}'",
        "{ (($.a = 1) } ~> 13 ~> expected ')' to close '(' at position 2, found '}'",
        "{ $.a = 1 ) } ~> 10 ~> ')' without a matching '('",
        "{ $.a = 1 }} ~> 11 ~> unexpected '}' after '}'",
        "{{ $.a = 1 }} ~> 1 ~> expected a selector such as $.eventName, found '{'",
        "[a, b ~> 5 ~> expected ']' to close '[' at position 0",
        "[(a = 1, b] ~> 7 ~> expected ')' to close '(' at position 1, found ','",
        "[a = 1 ) ] ~> 7 ~> expected ',' or ']', found ')'",
        // Unterminated quotes and regexes.
        "{ $.a = \"abc } ~> 8 ~> unterminated quoted string: missing closing '\"'",
        "ERROR \"unterminated ~> 6 ~> unterminated quoted string: missing closing '\"'",
        "[a = \"x, b] ~> 5 ~> unterminated quoted string: missing closing '\"'",
        "%abc ~> 0 ~> unterminated regular expression: missing closing '%'",
        "{ $.a = %abc } ~> 8 ~> unterminated regular expression: missing closing '%'",
        // Bad operators.
        "{ $.a == 1 } ~> 6 ~> unsupported operator '=='; use one of =, !=, <, >, <=, >=",
        "{ $.a => 1 } ~> 6 ~> unsupported operator '=>'; use one of =, !=, <, >, <=, >=",
        "{ $.a ! 1 } ~> 6 ~> unsupported operator '!'; use one of =, !=, <, >, <=, >=",
        "{ $.a <> 1 } ~> 6 ~> unsupported operator '<>'; use one of =, !=, <, >, <=, >=",
        "[w1=!ERROR, w2] ~> 3 ~> unsupported operator '=!'; use one of =, !=, <, >, <=, >=",
        "{ $.a = 1 & $.b = 2 } ~> 10 ~> expected '&&'; a single '&' is not an operator",
        "{ $.a = 1 | $.b = 2 } ~> 10 ~> expected '||'; a single '|' is not an operator",
        "{ $.a = 1 AND $.b = 2 } ~> 10 ~> expected '&&', '||' or '}', found 'AND'",
        "{ $.a = 1 $.b = 2 } ~> 10 ~> expected '&&', '||' or '}', found '$.b'",
        "{ $.a < abc } ~> 8 ~> operator '<' compares numbers, but 'abc' is not a number; strings, wildcards and regular expressions only take '=' or '!='",
        "{ $.a > \"5\" } ~> 8 ~> operator '>' compares numbers, but \"5\" is not a number; strings, wildcards and regular expressions only take '=' or '!='",
        "{ $.a >= %5% } ~> 9 ~> operator '>=' compares numbers, but %5% is not a number; strings, wildcards and regular expressions only take '=' or '!='",
        "{ $.a = } ~> 8 ~> expected a value after '=', found '}'",
        "{ $.a = 1e999999999999 } ~> 8 ~> number 1e999999999999 is out of range",
        // IS NOT, EXISTS and other keywords.
        "{ $.a IS NOT NULL } ~> 9 ~> IS NOT is not supported; use '!=' or NOT EXISTS instead",
        "{ $.a EXISTS } ~> 6 ~> EXISTS is not supported; use '= *' to require the field or NOT EXISTS to forbid it",
        "{ $.a IS EMPTY } ~> 9 ~> expected NULL, TRUE or FALSE after IS, found 'EMPTY'",
        "{ $.a NOT NULL } ~> 10 ~> expected EXISTS after NOT",
        "{ $.a } ~> 6 ~> expected an operator (=, !=, <, >, <=, >=), IS or NOT EXISTS after $.a, found '}'",
        // Selectors.
        "{ } ~> 2 ~> expected a selector such as $.eventName, found '}'",
        "{ a = 1 } ~> 2 ~> expected a selector such as $.eventName, found 'a'",
        "{ $ = 1 } ~> 3 ~> expected '.' or '[' after '$'",
        "{ $a = 1 } ~> 3 ~> unexpected 'a' in selector; write names with other characters as $.['name']",
        "{ $. = 1 } ~> 4 ~> expected a property name after '.'",
        "{ $.@timestamp = 1 } ~> 4 ~> expected a property name after '.'",
        "{ $.a[x] = 1 } ~> 6 ~> expected an array index, '*' or a quoted property name after '['",
        "{ $.a[0 = 1 } ~> 7 ~> expected ']' to close '[' at position 5",
        "{ $.['a = 1 } ~> 5 ~> unterminated quoted property name",
        "{ $.a[99999999999] = 1 } ~> 6 ~> array index is too large",
        "{ $.a.*.b[*] = 1 } ~> 10 ~> a selector may contain at most one wildcard",
        "{ $.a = 1 || $.b[*] = 1 || $.* = 1 || $.c.* = 1 || $.d[*] = 1 } ~> 51 ~> a filter pattern may contain at most 3 wildcard selectors",
        // Space-delimited structure.
        "[] ~> 1 ~> a space-delimited pattern needs at least one field",
        "[a b] ~> 3 ~> expected an operator (=, !=, <, >, <=, >=) after 'a', found 'b'",
        "[a IS NULL] ~> 3 ~> expected an operator (=, !=, <, >, <=, >=) after 'a', found 'IS'",
        "[a, ..., b, ...] ~> 12 ~> only one '...' is allowed; another is at position 4",
        "[a, a] ~> 4 ~> field name 'a' is used twice",
        "[a, b = 1 || a = 2] ~> 13 ~> a condition in field 'b' can only test 'b', not 'a'",
        "[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000] ~> 61 ~> a condition in field 'status_code' can only test 'status_code', not 'bytes'",
        "[a.b, c] ~> 2 ~> field names may contain only letters, digits, '-' and '_'; found '.'",
        "[\"a\", b] ~> 1 ~> expected a field name, '...' or ',', found \"a\"",
        "[a, b] x ~> 7 ~> unexpected 'x' after ']'",
        "[a, b]] ~> 6 ~> unexpected ']' after ']'",
        // Terms.
        "foo.bar ~> 3 ~> '.' cannot appear in an unquoted term; put the term in double quotes",
        "ERROR: ~> 5 ~> ':' cannot appear in an unquoted term; put the term in double quotes",
        "user@example.com ~> 4 ~> '@' cannot appear in an unquoted term; put the term in double quotes",
        "ERROR ? ~> 7 ~> expected a term right after '?'",
        "- x ~> 1 ~> expected a term right after '-'",
        "\"a\"b ~> 3 ~> expected a space after the term that starts at position 0",
        "%a%b ~> 3 ~> expected a space after the term that starts at position 0",
        "ERROR ]x ~> 6 ~> ']' cannot appear in an unquoted term; put the term in double quotes",
    })
    void errorsReportPositionAndReason(final String pattern, final int position, final String reason) {
        final FilterPatternException error = parseError(pattern);
        assertThat(error.reason()).isEqualTo(reason);
        assertThat(error.position()).isEqualTo(position);
        assertThat(error.getMessage()).isEqualTo("Invalid filter pattern at position " + position + ": " + reason);
    }

    @Test
    void patternsLongerThan1024CharactersAreRejected() {
        assertThat(FilterPattern.parse("a".repeat(1024)).kind()).isEqualTo(PatternKind.TERMS);
        final FilterPatternException error = parseError("a".repeat(1025));
        assertThat(error.position()).isEqualTo(1024);
        assertThat(error.reason()).isEqualTo("a filter pattern may be at most 1024 characters long; this one has 1025");
    }

    @Test
    void moreThanTwoRegexesAreRejected() {
        final FilterPatternException error = parseError("{ $.a = %x% && $.b = %y% && $.c = %z% }");
        assertThat(error.position()).isEqualTo(34);
        assertThat(error.reason()).isEqualTo("a filter pattern may contain at most 2 regular expressions");
    }

    @Test
    void exceptionIsAnIllegalArgumentException() {
        assertThat(parseError("{")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullPatternIsAProgrammingError() {
        assertThatNullPointerException().isThrownBy(() -> FilterPattern.parse(null));
    }
}
