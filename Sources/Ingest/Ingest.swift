/// CSV import into the store.
public enum Ingest {}
