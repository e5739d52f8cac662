package dev.aso.cli;

import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.aso.controller.arm.ArmClient;
import dev.aso.controller.arm.ArmHttp;
import dev.aso.controller.credentials.ArmClients;
import dev.aso.controller.credentials.AzureCredential;
import dev.aso.controller.settings.Settings;
import dev.aso.controller.settings.SettingsException;
import dev.aso.controller.settings.SettingsLoader;

import java.util.Map;

/**
 * An ARM client built the way the operator builds its global one, from the same environment variables
 * ({@code AZURE_SUBSCRIPTION_ID}, {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID}, {@code AZURE_CLIENT_SECRET} or
 * {@code AZURE_CLIENT_CERTIFICATE} or workload identity, {@code AZURE_RESOURCE_MANAGER_ENDPOINT},
 * {@code AZURE_AUTHORITY_HOST}, {@code AZURE_ADDITIONAL_CA_CERTIFICATES}), so it reaches real Azure and the ARM
 * emulator alike.
 */
public final class AzureConnection {

    private static final HttpPipelinePolicy NO_METRICS = (context, next) -> next.process();

    private AzureConnection() {
    }

    public static ArmClient fromEnvironment(Map<String, String> env) {
        Settings settings;
        try {
            settings = SettingsLoader.load(Map.of(), env);
        } catch (SettingsException e) {
            throw new UsageException(e.getMessage());
        }
        if (!settings.hasGlobalCredential()) {
            throw new UsageException("no Azure credential: set AZURE_SUBSCRIPTION_ID, AZURE_TENANT_ID and AZURE_CLIENT_ID, with"
                    + " AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE or USE_WORKLOAD_IDENTITY_AUTH=true (as for the operator)");
        }
        // one client for one command: the whole of each subscription's ARM budget
        ArmClients clients = new ArmClients(settings, ArmHttp.client(ArmHttp.sslContext(settings.additionalCaCertificates())),
                NO_METRICS, () -> 1.0);
        return clients.forCredential(new AzureCredential("AZURE_* environment variables", settings.subscriptionId(), settings.tenantId(),
                settings.clientId(), settings.clientSecret(), settings.clientCertificate(),
                settings.clientCertificatePassword()));
    }
}
