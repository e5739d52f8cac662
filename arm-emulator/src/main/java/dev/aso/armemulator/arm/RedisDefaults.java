package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Redis cache's endpoint: host name, ports and version, as Azure reports them. */
final class RedisDefaults implements ResourceDefaults {
    @Override
    public String resourceType() {
        return "Microsoft.Cache/redis";
    }

    @Override
    public void fill(ObjectNode body) {
        ObjectNode props = body.with("properties");
        props.put("hostName", body.path("name").asText().toLowerCase() + ".redis.cache.windows.net");
        props.put("port", 6379);
        props.put("sslPort", 6380);
        if (!props.has("redisVersion")) {
            props.put("redisVersion", "6.0");
        }
        if (!props.has("enableNonSslPort")) {
            props.put("enableNonSslPort", false);
        }
    }
}
