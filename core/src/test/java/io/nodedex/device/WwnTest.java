package io.nodedex.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WwnTest {

    @ParameterizedTest
    @ValueSource(strings = {"2000000012341234", "0x2000000012341234", "0X2000000012341234"})
    void acceptsLibvirtAndSysfsSpellingsOfTheSameNumber(String text) {
        assertThat(Wwn.parse(text)).isEqualTo(new Wwn(0x2000000012341234L));
    }

    @Test
    void comparesTheNumberNotTheText() {
        assertThat(Wwn.parse("0x20000090FA1C2D3E")).isEqualTo(Wwn.parse("20000090fa1c2d3e"));
        assertThat(Wwn.parse("0x1234")).isEqualTo(Wwn.parse("0000000000001234"));
    }

    @Test
    void printsSixteenLowerCaseHexDigits() {
        assertThat(Wwn.parse("0x20000090FA1C2D3E")).hasToString("20000090fa1c2d3e");
        assertThat(Wwn.parse("0x1234")).hasToString("0000000000001234");
        assertThat(Wwn.parse("0xffffffffffffffff")).hasToString("ffffffffffffffff");
    }

    @Test
    void ordersUnsignedLikeThePrintedForm() {
        assertThat(Wwn.parse("ffffffffffffffff")).isGreaterThan(Wwn.parse("7fffffffffffffff"));
        assertThat(Wwn.parse("1000000000000000")).isLessThan(Wwn.parse("2000000000000000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "xyz", "0x2000000012341234ab", "20000000-12341234", "-1", "0x+1", " "})
    void rejectsMalformedValuesNamingThem(String text) {
        assertThatThrownBy(() -> Wwn.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {" 2000000012341234", "2000000012341234 ", "\t0x2000000012341234", "0x2000000012341234\n",
        "0x 2000000012341234", "20000000 12341234"})
    void refusesAWwnPaddedWithWhitespaceInsteadOfTrimmingIt(String text) {
        String shown = text.replace("\t", "\\t").replace("\n", "\\n");

        assertThatThrownBy(() -> Wwn.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("malformed WWN '" + shown + "': expected up to 16 hex digits, optionally prefixed with 0x,"
                        + " without spaces or other whitespace");
    }
}
