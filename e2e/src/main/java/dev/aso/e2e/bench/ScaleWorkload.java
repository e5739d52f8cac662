package dev.aso.e2e.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The objects of {@link ScaleBench}: groups of five resources (a resource group; in it a user-assigned identity
 * exporting its client id to a ConfigMap, and a storage account; its blob service; a container in that), each group
 * in namespace {@code scale-<group mod namespaces>}. One storage account in ten exports its keys to a Secret.
 */
record ScaleWorkload(int resources, int namespaces) {

  static final int PER_GROUP = 5;

  /** The kinds, as apiVersion and kind, in the order a group's objects are listed. */
  static final List<String[]> KINDS = List.of(
      new String[] {"resources.azure.com/v1api20200601", "ResourceGroup"},
      new String[] {"managedidentity.azure.com/v1api20230131", "UserAssignedIdentity"},
      new String[] {"storage.azure.com/v1api20230101", "StorageAccount"},
      new String[] {"storage.azure.com/v1api20230101", "StorageAccountsBlobService"},
      new String[] {"storage.azure.com/v1api20230101", "StorageAccountsBlobServicesContainer"});

  ScaleWorkload {
    if (resources < PER_GROUP) {
      throw new IllegalArgumentException("--resources must be at least " + PER_GROUP);
    }
  }

  int groups() {
    return resources / PER_GROUP;
  }

  /** As many namespaces as asked, but no more than there are groups. */
  List<String> namespaceNames() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(namespaces, groups()); i++) {
      out.add("scale-" + i);
    }
    return out;
  }

  /** The five objects of group {@code g}, as YAML documents, owners first. */
  List<String> group(int g) {
    String ns = "scale-" + (g % Math.min(namespaces, groups()));
    String keys = g % 10 == 0 ? """
          operatorSpec:
            secrets:
              key1: {name: sa%d-keys, key: key1}
        """.formatted(g) : "";
    return List.of("""
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata: {name: rg-%1$d, namespace: %2$s}
        spec: {location: westus}
        """.formatted(g, ns), """
        apiVersion: managedidentity.azure.com/v1api20230131
        kind: UserAssignedIdentity
        metadata: {name: id-%1$d, namespace: %2$s}
        spec:
          location: westus
          owner: {name: rg-%1$d}
          operatorSpec:
            configMaps:
              clientId: {name: id-%1$d-out, key: clientId}
        """.formatted(g, ns), """
        apiVersion: storage.azure.com/v1api20230101
        kind: StorageAccount
        metadata: {name: sa%1$d, namespace: %2$s}
        spec:
          location: westus
          owner: {name: rg-%1$d}
          kind: StorageV2
          sku: {name: Standard_LRS}
        %3$s""".formatted(g, ns, keys), """
        apiVersion: storage.azure.com/v1api20230101
        kind: StorageAccountsBlobService
        metadata: {name: sa%1$d-blob, namespace: %2$s}
        spec:
          owner: {name: sa%1$d}
        """.formatted(g, ns), """
        apiVersion: storage.azure.com/v1api20230101
        kind: StorageAccountsBlobServicesContainer
        metadata: {name: c-%1$d, namespace: %2$s}
        spec:
          owner: {name: sa%1$d-blob}
        """.formatted(g, ns));
  }
}
