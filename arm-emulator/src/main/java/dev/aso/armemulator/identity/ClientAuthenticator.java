package dev.aso.armemulator.identity;

import dev.aso.armemulator.config.EmulatorConfig.ClientConfig;
import dev.aso.armemulator.config.EmulatorConfig.FederatedCredential;
import dev.aso.armemulator.tls.Pem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;

/**
 * Checks a client-credentials token request: the tenant, the client, and one of its credentials —
 * a client secret, a client assertion signed by one of its certificates (what MSAL sends for
 * ClientCertificateCredential), or a federated assertion from a trusted issuer (workload identity).
 */
public final class ClientAuthenticator {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final long SKEW_SECONDS = 300;

    private final Directory directory;
    private final Clock clock;

    public ClientAuthenticator(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The authenticated client, or the error Entra would answer. {@code form} holds the request's form fields. */
    public ClientConfig authenticate(String tenant, Map<String, String> form) throws AadError {
        String grant = form.get("grant_type");
        if (!"client_credentials".equals(grant)) {
            throw new AadError(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + grant + "'. Only client_credentials is emulated.");
        }
        if (directory.tenant(tenant).isEmpty()) {
            throw new AadError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure you have the"
                    + " correct tenant ID and are signing into the correct cloud.");
        }
        String clientId = form.get("client_id");
        if (clientId == null || clientId.isBlank()) {
            throw new AadError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
        }
        ClientConfig client = directory.client(clientId)
                .filter(c -> c.tenantId().equalsIgnoreCase(tenant))
                .orElseThrow(() -> new AadError(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                        + "' was not found in the directory '" + tenant + "'."));
        String secret = form.get("client_secret");
        String assertion = form.get("client_assertion");
        if (secret != null) {
            if (client.secret() == null || !constantTimeEquals(secret, client.secret())) {
                throw new AadError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the"
                        + " request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");
            }
            return client;
        }
        if (assertion != null) {
            if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
                throw new AadError(400, "invalid_request", 50027, "client_assertion_type must be " + JWT_BEARER + ".");
            }
            checkAssertion(client, assertion);
            return client;
        }
        throw new AadError(401, "invalid_client", 7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }

    private void checkAssertion(ClientConfig client, String assertion) throws AadError {
        Jwt jwt;
        try {
            jwt = Jwt.parse(assertion);
            jwt.checkTimes(clock.millis() / 1000, SKEW_SECONDS);
        } catch (Jwt.JwtException e) {
            throw new AadError(401, "invalid_client", 700024, "Client assertion is not valid: " + e.getMessage() + ".");
        }
        String iss = jwt.claim("iss");
        if (client.clientId().equalsIgnoreCase(iss)) {
            checkCertificateAssertion(client, jwt);
        } else {
            checkFederatedAssertion(client, jwt);
        }
    }

    private void checkCertificateAssertion(ClientConfig client, Jwt jwt) throws AadError {
        if (!client.clientId().equalsIgnoreCase(jwt.claim("sub"))) {
            throw new AadError(401, "invalid_client", 700023, "Client assertion sub must be the client id.");
        }
        boolean audOk = jwt.audiences().stream().anyMatch(a -> a.endsWith("/oauth2/v2.0/token") || a.endsWith("/oauth2/token"));
        if (!audOk) {
            throw new AadError(401, "invalid_client", 70021, "Client assertion audience must be the token endpoint, was "
                    + jwt.audiences() + ".");
        }
        for (String pem : client.certificates()) {
            if (jwt.verify(Pem.publicKey(pem))) {
                return;
            }
        }
        throw new AadError(401, "invalid_client", 700027, "Client assertion failed signature validation: no certificate"
                + " registered for client '" + client.clientId() + "' verifies it.");
    }

    private void checkFederatedAssertion(ClientConfig client, Jwt jwt) throws AadError {
        String iss = jwt.claim("iss");
        String sub = jwt.claim("sub");
        for (FederatedCredential f : client.federatedCredentials()) {
            if (f.issuer().equals(iss) && f.subject().equals(sub)
                    && jwt.audiences().stream().anyMatch(f.audiences()::contains)) {
                if (!jwt.verify(Pem.publicKey(f.publicKeyPem()))) {
                    throw new AadError(401, "invalid_client", 700027, "Client assertion failed signature validation with the key"
                            + " of federated issuer '" + iss + "'.");
                }
                return;
            }
        }
        throw new AadError(400, "invalid_request", 70021, "No matching federated identity record found for presented assertion."
                + " Assertion Issuer: '" + iss + "'. Assertion Subject: '" + sub + "'. Assertion Audience: '" + jwt.audiences() + "'.");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
