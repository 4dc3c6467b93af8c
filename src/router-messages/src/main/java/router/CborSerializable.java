package router;

/** Marker for messages and events that cross the cluster or reach the journal, serialized with Jackson CBOR. */
public interface CborSerializable {}
