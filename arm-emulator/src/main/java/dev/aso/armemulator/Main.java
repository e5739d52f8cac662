package dev.aso.armemulator;

import dev.aso.armemulator.config.EmulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator as a process:
 * {@code --port 8443 --http-port 8080 --types DIR --config FILE --state-file FILE --cert-dir DIR
 * --tls-cert FILE --tls-key FILE --host 0.0.0.0 --hostname NAME --database-host HOST}. {@code --database-host} makes
 * database servers (PostgreSQL and MySQL flexible servers, SQL servers) report HOST as their
 * {@code fullyQualifiedDomainName}, so that real local servers listening there stand behind them.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        ArmEmulator emulator;
        try {
            emulator = parse(args).build().start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("arm-emulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            stopped.countDown();
        }, "arm-emulator-shutdown"));
        System.out.println("ARM emulator ready: ARM and authority host " + emulator.baseUrl()
                + (emulator.httpBaseUrl() != null ? ", plain HTTP " + emulator.httpBaseUrl() : ""));
        stopped.await();
    }

    static ArmEmulator.Builder parse(String[] args) {
        ArmEmulator.Builder b = ArmEmulator.builder().host("0.0.0.0").httpsPort(8443).typesDir(defaultTypes());
        List<String> hostnames = new ArrayList<>();
        Path config = null;
        Path tlsCert = null;
        Path tlsKey = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("usage: arm-emulator [--port N] [--http-port N] [--host ADDR] [--types DIR]"
                        + " [--config FILE] [--state-file FILE] [--cert-dir DIR] [--tls-cert FILE --tls-key FILE] [--hostname NAME]... [--database-host HOST]");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String v = args[++i];
            switch (flag) {
                case "--port" -> b.httpsPort(port(flag, v));
                case "--http-port" -> b.httpPort(port(flag, v));
                case "--host" -> b.host(v);
                case "--types" -> b.typesDir(Path.of(v));
                case "--config" -> config = Path.of(v);
                case "--state-file" -> b.stateFile(Path.of(v));
                case "--cert-dir" -> b.certDir(Path.of(v));
                case "--tls-cert" -> tlsCert = Path.of(v);
                case "--tls-key" -> tlsKey = Path.of(v);
                case "--hostname" -> hostnames.add(v);
                case "--database-host" -> b.databaseHost(v);
                default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
            }
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (tlsCert != null) {
            b.tls(tlsCert, tlsKey);
        }
        EmulatorConfig c = config == null ? EmulatorConfig.defaults() : EmulatorConfig.load(config);
        if (!hostnames.isEmpty()) {
            List<String> all = new ArrayList<>(c.hostnames());
            all.addAll(hostnames);
            c = new EmulatorConfig(c.tenants(), c.clients(), c.defaultLro(), c.lro(), c.apiVersionAliases(), c.faults(),
                    c.tokenLifetimeSeconds(), c.secretSeed(), all, c.requestLogSize(), c.adminToken());
        }
        return b.config(c);
    }

    private static int port(String flag, String v) {
        try {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a port number (0-65535), was '" + v + "'");
        }
    }

    private static Path defaultTypes() {
        for (String candidate : List.of("azure-types", "../azure-types")) {
            if (Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return Path.of("azure-types");
    }
}
