package chat;

/** Marks the chat application's messages: bound to Jackson CBOR in chat.conf, so they may cross the cluster. */
public interface ChatSerializable {}
