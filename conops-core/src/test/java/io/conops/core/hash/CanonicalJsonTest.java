package io.conops.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void keysAreSortedAtEveryLevelAndWhitespaceIsDropped() {
        Object tree = Json.parse("""
                { "b": 1, "a": { "z": [true, false, null], "y": "x" } }
                """);

        assertThat(CanonicalJson.write(tree)).isEqualTo("{\"a\":{\"y\":\"x\",\"z\":[true,false,null]},\"b\":1}");
    }

    @Test
    void keysAreOrderedByUtf16CodeUnitsLikeStringCompareTo() {
        Map<String, Object> map = new HashMap<>();
        map.put("b", 1L);
        map.put("B", 2L);
        map.put("é", 3L);
        // U+1F600 is the pair D83D DE00: by code units it sorts before U+FFFD, by code points after.
        map.put("\uD83D\uDE00", 4L);
        map.put("\uFFFD", 5L);
        map.put("a_b", 6L);
        map.put("a-b", 7L);

        assertThat(CanonicalJson.write(map))
                .isEqualTo("{\"B\":2,\"a-b\":7,\"a_b\":6,\"b\":1,\"é\":3,\"\uD83D\uDE00\":4,\"\uFFFD\":5}");
    }

    @Test
    void insertionOrderDoesNotChangeTheText() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("image", "nginx");
        one.put("environment", Map.of("A", "1"));
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("environment", Map.of("A", "1"));
        other.put("image", "nginx");

        assertThat(CanonicalJson.write(one)).isEqualTo(CanonicalJson.write(other));
    }

    @Test
    void listOrderIsSignificant() {
        assertThat(CanonicalJson.write(List.of("a", "b"))).isNotEqualTo(CanonicalJson.write(List.of("b", "a")));
    }

    @Test
    void integralNumbersRenderWithoutFractionWhateverTheirJavaType() {
        List<Object> ones =
                List.of(1, 1L, (short) 1, 1.0d, 1.0f, new BigDecimal("1.000"), new BigDecimal("0.1E1"), BigInteger.ONE);

        assertThat(ones).allSatisfy(n -> assertThat(CanonicalJson.write(n)).isEqualTo("1"));
        assertThat(CanonicalJson.write(1.0e21)).isEqualTo("1000000000000000000000");
        assertThat(CanonicalJson.write(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(CanonicalJson.write(-0.0d)).isEqualTo("0");
        assertThat(CanonicalJson.write(new BigDecimal("0E-10"))).isEqualTo("0");
    }

    @Test
    void fractionsRenderAsShortestPlainDecimal() {
        assertThat(CanonicalJson.write(0.1d)).isEqualTo("0.1");
        assertThat(CanonicalJson.write(0.5f)).isEqualTo("0.5");
        assertThat(CanonicalJson.write(new BigDecimal("2.50"))).isEqualTo("2.5");
        assertThat(CanonicalJson.write(1.5e-7)).isEqualTo("0.00000015");
        assertThat(CanonicalJson.write(-3.25d)).isEqualTo("-3.25");
    }

    @Test
    void nonFiniteNumbersAreRejected() {
        assertThatThrownBy(() -> CanonicalJson.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringsAreJsonEscaped() {
        String nasty = "quote\" backslash\\ slash/ nl\n cr\r tab\t bs\b ff\f nul\u0000 unit\u001f"
                + " del\u007f é \uD83D\uDE00";

        assertThat(CanonicalJson.write(nasty))
                .isEqualTo("\"quote\\\" backslash\\\\ slash/ nl\\n cr\\r tab\\t bs\\b ff\\f nul\\u0000 unit\\u001f"
                        + " del\u007f é \uD83D\uDE00\"");
    }

    @Test
    void loneSurrogatesAreEscapedSoTheyCannotCollideWhenEncoded() {
        assertThat(CanonicalJson.write("a\uD800b")).isEqualTo("\"a\\ud800b\"");
        assertThat(CanonicalJson.write("\uDC00")).isEqualTo("\"\\udc00\"");
        assertThat(Sha256.ofJson("\uD800")).isNotEqualTo(Sha256.ofJson("?"));
    }

    @Test
    void nullsInsideObjectsAndListsAreKept() {
        Map<String, Object> map = new HashMap<>();
        map.put("default", null);
        List<Object> list = new ArrayList<>(Arrays.asList(null, "x"));

        assertThat(CanonicalJson.write(Map.of("networks", map, "l", list)))
                .isEqualTo("{\"l\":[null,\"x\"],\"networks\":{\"default\":null}}");
    }

    @Test
    void valuesThatAreNotJsonAreRejected() {
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("when", new java.util.Date())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.Date");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of(1, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
    }

    @Test
    void outputReadsBackAsTheSameTree() {
        String text = "{\"a\":[1,2.5,\"x\\ny\",{\"k\":null}],\"b\":true}";

        assertThat(CanonicalJson.write(Json.parse(text))).isEqualTo(text);
    }
}
