package dev.aso.controller.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLayoutTest {

    @Test
    void oneJsonObjectPerLineWithSecretsRedacted() throws Exception {
        Redactor.register("p4ssw0rd-from-a-secret");
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.aso.test"), Level.INFO,
                "using {} with Authorization: Bearer eyJabc.def.ghi", null, new Object[] {"p4ssw0rd-from-a-secret"});
        String line = new JsonLayout().doLayout(event);
        assertThat(line).endsWith("}\n").doesNotContain("p4ssw0rd-from-a-secret").doesNotContain("eyJabc");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("logger").asText()).isEqualTo("dev.aso.test");
        assertThat(json.path("msg").asText()).isEqualTo("using [redacted] with Authorization: Bearer [redacted]");
    }
}
