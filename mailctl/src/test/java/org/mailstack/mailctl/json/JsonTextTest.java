package org.mailstack.mailctl.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void readsWhatItWrites() {
        Object v = JsonText.parse(" {\"a\": [1, -2, \"x\\n\\u00e9\"], \"b\": {\"c\": null, \"d\": true}}  \n   ");
        assertEquals(Map.of("a", List.of(1L, -2L, "x\né"), "b", map("c", null, "d", true)), v);
        assertEquals("\"a\\\"b\\\\c\\u0001\"", JsonText.quote("a\"b\\c\u0001"));
        assertEquals("x\u0001", JsonText.parse(JsonText.quote("x\u0001")));
    }

    private static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    @Test
    void refusesWhatIsNotStrictJson() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "[1.5]", "[01]", "{\"a\":1}x",
                "{\"a\":1,\"a\":2}", "\"tab\there\"", "nul", "[" + "[".repeat(40) + "]".repeat(41))) {
            assertThrows(IllegalArgumentException.class, () -> JsonText.parse(bad), bad);
        }
    }
}
