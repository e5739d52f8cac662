package dev.aso.cli;

import java.util.List;

/**
 * A resource group in the ARM emulator with one resource of each kind family, made through ARM's API as a user would
 * have: a storage account (blob service, container {@code data}), a Redis cache (tag {@code env=prod}), a PostgreSQL
 * flexible server (administrator password set) with the database {@code appdb}, Azure's three system databases and a
 * firewall rule {@code office}. Names derive from the group's: {@code aso-import} has {@code asoimportstore},
 * {@code aso-import-redis}, {@code aso-import-pg}.
 */
record SampleGroup(String rg, String storage, String blob, String container, String redis, String pg) {

    static final String PASSWORD = "Sup3r-Secret-Value";

    static SampleGroup named(String name) {
        String rg = "/subscriptions/" + EmulatorFixture.SUBSCRIPTION + "/resourceGroups/" + name;
        String storage = rg + "/providers/Microsoft.Storage/storageAccounts/" + name.replace("-", "") + "store";
        return new SampleGroup(rg, storage, storage + "/blobServices/default", storage + "/blobServices/default/containers/data",
                rg + "/providers/Microsoft.Cache/redis/" + name + "-redis",
                rg + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/" + name + "-pg");
    }

    SampleGroup create(EmulatorFixture fx) {
        fx.put(rg, "2020-06-01", "{\"location\": \"westus2\", \"tags\": {\"team\": \"data\"}}");
        fx.put(storage, "2023-01-01", "{\"location\": \"westus2\", \"kind\": \"StorageV2\", \"sku\": {\"name\": \"Standard_LRS\"},"
                + " \"properties\": {\"accessTier\": \"Hot\", \"minimumTlsVersion\": \"TLS1_2\"}}");
        fx.put(blob, "2023-01-01", "{\"properties\": {\"deleteRetentionPolicy\": {\"enabled\": true, \"days\": 7}}}");
        fx.put(container, "2023-01-01", "{\"properties\": {\"publicAccess\": \"None\"}}");
        fx.put(redis, "2024-11-01", "{\"location\": \"westus2\", \"tags\": {\"env\": \"prod\"}, \"properties\": {\"sku\":"
                + " {\"name\": \"Basic\", \"family\": \"C\", \"capacity\": 0}, \"enableNonSslPort\": false, \"minimumTlsVersion\": \"1.2\"}}");
        fx.put(pg, "2024-08-01", "{\"location\": \"westus2\", \"sku\": {\"name\": \"Standard_B1ms\", \"tier\": \"Burstable\"},"
                + " \"properties\": {\"version\": \"16\", \"administratorLogin\": \"pgadmin\", \"administratorLoginPassword\": \""
                + PASSWORD + "\", \"storage\": {\"storageSizeGB\": 32}}}");
        for (String db : List.of("appdb", "azure_maintenance", "azure_sys", "postgres")) { // Azure makes the last three
            fx.put(pg + "/databases/" + db, "2024-08-01", "{\"properties\": {\"charset\": \"UTF8\", \"collation\": \"en_US.utf8\"}}");
        }
        fx.put(pg + "/firewallRules/office", "2024-08-01",
                "{\"properties\": {\"startIpAddress\": \"10.0.0.1\", \"endIpAddress\": \"10.0.0.9\"}}");
        return this;
    }
}
