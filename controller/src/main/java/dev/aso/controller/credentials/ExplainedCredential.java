package dev.aso.controller.credentials;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.aso.controller.arm.AuthenticationFailure;
import dev.aso.controller.settings.Sensitive;
import reactor.core.publisher.Mono;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A token credential whose failures say which credential failed and why, in words fit for a condition: an
 * {@link AuthenticationFailure} naming the credential's kind, where it came from and the client id, with Entra's
 * error (AADSTS code and description, without trace ids) or the local problem. Secret values never appear.
 */
final class ExplainedCredential implements TokenCredential {

    private static final int MAX_DETAIL = 600;
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ");
    private static final Pattern TRACE = Pattern.compile("\\s*(Trace ID|Correlation ID|Timestamp):.*", Pattern.DOTALL);

    private final TokenCredential delegate;
    private final AzureCredential credential;
    private final Path tokenFile;

    ExplainedCredential(TokenCredential delegate, AzureCredential credential, Path tokenFile) {
        this.delegate = delegate;
        this.credential = credential;
        this.tokenFile = tokenFile;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return delegate.getToken(request).onErrorMap(e -> explain(e, credential, tokenFile));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        try {
            return delegate.getTokenSync(request);
        } catch (RuntimeException e) {
            throw explain(e, credential, tokenFile);
        }
    }

    static AuthenticationFailure explain(Throwable error, AzureCredential c, Path tokenFile) {
        String what = describe(c, tokenFile);
        String refusal = null;
        boolean unreachable = false;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationFailure known) {
                return new AuthenticationFailure(known.reason(), "cannot use the " + what + ": " + detail(known.getMessage(), c));
            }
            if (t instanceof MsalServiceException || (refusal == null && String.valueOf(t.getMessage()).contains("AADSTS"))) {
                refusal = t.getMessage();
            }
            unreachable |= t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SSLException
                    || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException;
        }
        if (refusal != null) {
            return new AuthenticationFailure("CredentialRefused", "Microsoft Entra refused the " + what + ": " + detail(refusal, c));
        }
        if (unreachable) {
            return new AuthenticationFailure("ConnectionError", "cannot reach Microsoft Entra (AZURE_AUTHORITY_HOST) to"
                    + " authenticate with the " + what + ": " + detail(error.getMessage(), c));
        }
        return new AuthenticationFailure("InvalidCredential", "cannot use the " + what + ": " + detail(error.getMessage(), c));
    }

    private static String describe(AzureCredential c, Path tokenFile) {
        String kind = c.clientSecret() != null ? "client secret"
                : c.clientCertificate() != null ? "client certificate"
                : "workload identity (federated token file " + tokenFile + ")";
        return kind + " of " + c.source() + " (client " + c.clientId() + ", tenant " + c.tenantId() + ")";
    }

    /** The useful part of an error message: no exception class prefixes, trace ids or secret values; bounded. */
    private static String detail(String message, AzureCredential c) {
        String text = message == null ? "no detail" : message.strip();
        for (String previous = null; !text.equals(previous); ) {
            previous = text;
            text = EXCEPTION_PREFIX.matcher(text).replaceFirst("");
        }
        text = TRACE.matcher(text).replaceFirst("");
        text = scrub(text, c);
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
    }

    private static String scrub(String text, AzureCredential c) {
        String out = text;
        for (Sensitive s : new Sensitive[] {c.clientSecret(), c.clientCertificate(), c.clientCertificatePassword()}) {
            if (s != null && !s.value().isBlank()) {
                out = out.replace(s.value(), Sensitive.ofNullable(s.value()).toString());
            }
        }
        return out;
    }
}
