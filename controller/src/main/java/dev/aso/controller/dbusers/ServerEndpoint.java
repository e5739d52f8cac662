package dev.aso.controller.dbusers;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a database server listens: the owner's {@code status.fullyQualifiedDomainName} and the engine's port, and
 * optionally a PEM file of CA certificates to trust instead of the JVM's (for servers with a private CA, such as
 * the tests' own). TLS is always required and the certificate's name is always verified.
 */
public record ServerEndpoint(String host, int port, Path caFile) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|[0-9A-Fa-f:.]{2,45}");

    public ServerEndpoint {
        if (host == null || host.isBlank()) {
            throw DbUserException.of(DbUserReason.InvalidSpec, "the owner server has no fullyQualifiedDomainName yet;"
                    + " wait until it is provisioned (Ready)");
        }
        if (!HOST.matcher(host).matches()) {
            // it becomes part of a JDBC URL: nothing but a host name or an IP address may get there
            throw DbUserException.of(DbUserReason.InvalidSpec, "the owner server's fullyQualifiedDomainName '" + host
                    + "' is not a host name or an IP address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
    }

    public static ServerEndpoint of(String host, int port) {
        return new ServerEndpoint(host, port, null);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
