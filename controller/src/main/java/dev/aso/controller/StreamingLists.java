package dev.aso.controller;

import dev.aso.controller.settings.Settings;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STREAMING_LISTS: informers fill their caches from one watch that streams the existing objects and then their changes
 * (Kubernetes' WatchList, {@code sendInitialEvents=true}) instead of one list response per kind, which the API server
 * and the controller each hold whole in memory. fabric8 has no fallback to a list when the API server refuses the
 * streaming watch (422 where the WatchList feature gate is off, as by default in Kubernetes 1.33), so {@code auto}
 * turns it on only for 1.34 and later, where the gate is on by default.
 */
final class StreamingLists {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingLists.class);
    private static final int FIRST_MINOR_ON_BY_DEFAULT = 34;
    private static final Pattern LEADING_DIGITS = Pattern.compile("^\\d{1,6}");

    private StreamingLists() {
    }

    /** The client the controller's informers use: {@code kube} itself, or a client like it with streaming lists. */
    static KubernetesClient client(KubernetesClient kube, Settings.StreamingLists setting) {
        boolean on = switch (setting) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> onByDefault(kube);
        };
        LOG.info("streaming lists (STREAMING_LISTS={}): {}", setting.value(), on ? "on" : "off");
        return on ? new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(kube.getConfiguration()).withWatchList(true).build()).build() : kube;
    }

    private static boolean onByDefault(KubernetesClient kube) {
        try {
            VersionInfo version = kube.getKubernetesVersion();
            return onByDefault(version.getMajor(), version.getMinor());
        } catch (KubernetesClientException e) {
            LOG.warn("cannot read the API server's version ({}): streaming lists off", e.getMessage());
            return false;
        }
    }

    /** Whether a server of this version has WatchList on by default; versions such as {@code 34+} count as 34. */
    static boolean onByDefault(String major, String minor) {
        int majorNumber = leadingNumber(major);
        return majorNumber > 1 || majorNumber == 1 && leadingNumber(minor) >= FIRST_MINOR_ON_BY_DEFAULT;
    }

    private static int leadingNumber(String text) {
        Matcher m = LEADING_DIGITS.matcher(text == null ? "" : text);
        return m.find() ? Integer.parseInt(m.group()) : -1;
    }
}
