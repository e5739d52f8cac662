package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportPathTest {

    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void dottedNamesIndexesAndSelectors() throws Exception {
        JsonNode keys = json("{\"value\":[{\"name\":\"Primary\",\"value\":\"p\"},{\"name\":\"Primary Read Only\",\"value\":\"r\"}],"
                + "\"keys\":[{\"value\":\"k1\"},{\"value\":\"k2\"}],\"a\":{\"b\":{\"c\":3,\"o\":{\"x\":1}}}}");
        assertThat(ExportPath.parse("keys[1].value").text(keys)).isEqualTo("k2");
        assertThat(ExportPath.parse("value[name=Primary Read Only].value").text(keys)).isEqualTo("r");
        assertThat(ExportPath.parse("a.b.c").text(keys)).isEqualTo("3");
        assertThat(ExportPath.parse("a.b.o").text(keys)).isEqualTo("{\"x\":1}");
        assertThat(ExportPath.parse("value[name=Secondary].value").text(keys)).isNull();
        assertThat(ExportPath.parse("keys[5].value").text(keys)).isNull();
        assertThat(ExportPath.parse("a[0]").text(keys)).isNull();
    }

    @Test
    void malformedPathsAreRefused() {
        assertThatThrownBy(() -> ExportPath.parse("a..b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExportPath.parse("a.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExportPath.parse("a[x]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExportPath.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
