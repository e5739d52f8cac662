package dev.aso.controller.dbusers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aso.testsupport.db.LocalDbServer;
import java.time.Duration;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert;

/** Helpers the database-user tests share: resolved secrets, endpoints, and checks of a failure's reason. */
final class Logins {

    static final DbTimeouts SHORT = new DbTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));

    private Logins() {
    }

    static SecretInput password(String value) {
        return new SecretInput(".spec.localUser.password", "app-user-secret", "password", value);
    }

    static AdminLogin admin(LocalDbServer server) {
        return admin(server, server.adminPassword());
    }

    static AdminLogin admin(LocalDbServer server, String password) {
        return new AdminLogin(server.adminUser(), new SecretInput(".spec.localUser.serverAdminPassword",
                "server-admin", "password", password));
    }

    static ServerEndpoint endpoint(LocalDbServer server) {
        return new ServerEndpoint(server.host(), server.port(), server.caFile());
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Asserts that {@code call} fails with {@code reason}, and checks the message. */
    static void assertFails(ThrowableAssert.ThrowingCallable call, DbUserReason reason, Consumer<String> message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DbUserException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            message.accept(e.getMessage());
        });
    }
}
