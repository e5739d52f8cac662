package dev.aso.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.File;
import java.util.Map;

/**
 * A Kubernetes client the way kubectl finds its cluster: {@code --kubeconfig}, else the first file of
 * {@code $KUBECONFIG}, else {@code ~/.kube/config} or the in-cluster service account; {@code --context} picks a
 * context of that file.
 */
public final class KubeConnection {

    private KubeConnection() {
    }

    public static KubernetesClient connect(Map<String, String> env, File kubeconfig, String context) {
        File file = kubeconfig;
        String fromEnv = env.get("KUBECONFIG");
        if (file == null && fromEnv != null && !fromEnv.isBlank()) {
            file = new File(fromEnv.split(File.pathSeparator)[0]);
        }
        Config config;
        try {
            if (file != null) {
                if (!file.isFile()) {
                    throw new UsageException("kubeconfig " + file + " does not exist (--kubeconfig or KUBECONFIG)");
                }
                config = Config.fromKubeconfig(context, file);
            } else {
                config = Config.autoConfigure(context);
            }
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new UsageException("cannot use the kubeconfig" + (file == null ? "" : " " + file) + ": " + e.getMessage());
        }
        config.setRequestTimeout(60_000);
        config.setConnectionTimeout(10_000);
        config.setRequestRetryBackoffLimit(2);
        config.setRequestRetryBackoffInterval(500);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** What a failed Kubernetes call means for the user, in one line (no stack trace). */
    public static String describe(KubernetesClientException e) {
        if (e.getCode() <= 0) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return "the cluster cannot be reached: " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
        }
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        String hint = switch (e.getCode()) {
            case 401 -> " (the kubeconfig's credential was refused)";
            case 403 -> " (the kubeconfig's user lacks this permission)";
            default -> "";
        };
        return "HTTP " + e.getCode() + ": " + message + hint;
    }
}
