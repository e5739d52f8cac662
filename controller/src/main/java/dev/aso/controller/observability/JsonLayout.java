package dev.aso.controller.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.time.Instant;
import java.util.Map;

/** One JSON object per log line (time, level, logger, thread, msg, MDC, error), secrets redacted by {@link Redactor}. */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder b = new StringBuilder(256).append('{');
        field(b, "time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        field(b, "level", event.getLevel().toString());
        field(b, "logger", event.getLoggerName());
        field(b, "thread", event.getThreadName());
        field(b, "msg", Redactor.redact(event.getFormattedMessage()));
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((k, v) -> field(b, k, Redactor.redact(v)));
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            field(b, "error", Redactor.redact(ThrowableProxyUtil.asString(error)));
        }
        b.setLength(b.length() - 1);
        return b.append("}\n").toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(name)).append("\":\"")
                .append(JsonStringEncoder.getInstance().quoteAsString(value == null ? "" : value)).append("\",");
    }
}
