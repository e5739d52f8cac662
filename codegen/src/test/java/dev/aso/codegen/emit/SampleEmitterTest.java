package dev.aso.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.codegen.Generator;
import dev.aso.codegen.model.ArmBinding;
import dev.aso.codegen.model.CommonType;
import dev.aso.codegen.model.Field;
import dev.aso.codegen.model.KindModel;
import dev.aso.codegen.model.KindModel.ExportModel;
import dev.aso.codegen.model.TypeModel.Common;
import dev.aso.codegen.model.TypeModel.ObjectModel;
import dev.aso.codegen.model.TypeModel.Primitive;
import dev.aso.codegen.model.TypeModel.PrimitiveKind;
import dev.aso.codegen.model.VersionModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated sample of a kind sets what Azure needs: a value Azure requires though the CRD makes it optional
 * (beside its {@code FromConfig} twin; without it the end-to-end test over every kind saw ARM refuse seven kinds,
 * e.g. a RoleAssignment's missing principalId), and the exports whose values Azure always has, into objects named
 * after the kind and its group.
 */
class SampleEmitterTest {

    private static final ArmBinding PROPERTY = new ArmBinding("principalId", true, ArmBinding.Role.VALUE);

    @Test
    void aValueAzureRequiresIsSetThoughItsConfigMapTwinMakesItOptionalInTheCrd() {
        Field principalId = new Field("principalId", Primitive.plain(PrimitiveKind.STRING), false, null, PROPERTY, true);
        Field optional = new Field("description", Primitive.plain(PrimitiveKind.STRING), false, null, PROPERTY, false);
        String sample = sample(kind(List.of(principalId, optional), Map.of(), Map.of()));
        assertThat(sample).contains("principalId: sample").doesNotContain("description");
    }

    @Test
    void exportsAreTheKeysOfActionsIdPartsAndOwnSecretsNotOfTheStatus() {
        ObjectModel secrets = new ObjectModel("Secrets", null, List.of(destination("key1", CommonType.SECRET_DESTINATION),
                destination("subscriptionId", CommonType.SECRET_DESTINATION),
                destination("connectionString", CommonType.SECRET_DESTINATION),
                destination("principalId", CommonType.SECRET_DESTINATION)));
        ObjectModel configMaps = new ObjectModel("ConfigMaps", null, List.of(
                destination("address", CommonType.CONFIG_MAP_DESTINATION),
                destination("endpoint", CommonType.CONFIG_MAP_DESTINATION)));
        Field operatorSpec = new Field("operatorSpec", new ObjectModel("OperatorSpec", null, List.of(
                new Field("configMaps", configMaps, false, null, null), new Field("secrets", secrets, false, null, null))),
                false, null, null);
        String sample = sample(kind(List.of(operatorSpec), Map.of(
                "key1", new ExportModel(null, "listKeys", "key1", null),
                "subscriptionId", new ExportModel(null, null, null, "subscriptionId"),
                "connectionString", new ExportModel(null, null, null, null),
                "principalId", new ExportModel("identity.principalId", null, null, null)), Map.of(
                "address", new ExportModel(null, null, null, null),
                "endpoint", new ExportModel(null, "listKeys", "endpoint", null))));
        assertThat(sample).contains("""
                  operatorSpec:
                    configMaps:
                      endpoint:
                        name: aso-sample-widget-network-frontdoor-config
                        key: endpoint
                    secrets:
                      key1:
                        name: aso-sample-widget-network-frontdoor-secret
                        key: key1
                      subscriptionId:
                        name: aso-sample-widget-network-frontdoor-secret
                        key: subscriptionId
                      connectionString:
                        name: aso-sample-widget-network-frontdoor-secret
                        key: connectionString
                """).doesNotContain("principalId").doesNotContain("address");
    }

    private static Field destination(String key, CommonType type) {
        return new Field(key, new Common(type), false, null, null);
    }

    private static KindModel kind(List<Field> specFields, Map<String, ExportModel> secrets,
                                  Map<String, ExportModel> configMaps) {
        VersionModel v = new VersionModel("v1api20240101", "2024-01-01", false, false, null,
                new ObjectModel("WidgetSpec", null, specFields), new ObjectModel("WidgetStatus", null, List.of()), List.of(),
                List.of());
        return new KindModel("network.frontdoor.azure.com", "network.frontdoor", List.of(), "Widget", "widgets",
                "Microsoft.Network/widgets", null, null, false, null, List.of(v), secrets, configMaps);
    }

    private static String sample(KindModel kind) {
        GeneratedFiles out = new GeneratedFiles(Generator.OWNED_FOLDERS);
        new SampleEmitter(Map.of()).emit(kind, kind.versions().get(0), out);
        return out.files().values().iterator().next();
    }
}
