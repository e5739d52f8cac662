package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A long-running operation on one resource. It completes on the first observation (a poll of its
 * URLs or a read of the resource) after it has been observed {@code pollsNeeded} times and
 * {@code notBeforeMillis} has passed; {@code failure}, when set, makes it end Failed with that error.
 */
public final class Operation {
    public enum Kind { CREATE, UPDATE, DELETE }

    public String id;
    public Kind kind;
    public String resourceId;
    public String namespace;
    public String location;
    public long startMillis;
    public long endMillis;
    public long notBeforeMillis;
    public int pollsSeen;
    public int pollsNeeded;
    public int retryAfterSeconds;
    public String status = "InProgress";
    public ObjectNode failure;

    public boolean done() {
        return !"InProgress".equals(status);
    }

    /** The path of its status resource, for the Azure-AsyncOperation header. */
    public String statusPath(String subscription) {
        return "/subscriptions/" + subscription + "/providers/" + namespace + "/locations/" + location + "/operationStatuses/" + id;
    }

    /** The path of its result resource, for the Location header. */
    public String resultPath(String subscription) {
        return "/subscriptions/" + subscription + "/providers/" + namespace + "/locations/" + location + "/operationResults/" + id;
    }
}
