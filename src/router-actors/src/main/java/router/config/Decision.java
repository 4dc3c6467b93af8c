package router.config;

import java.util.List;

/** The events a command produces, and the id of the resource it created or changed (null for deletes). */
public record Decision(List<ApiEvent> events, String id) {}
