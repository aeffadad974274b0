/// Deal pipeline and IO workflow.
public enum Pipeline {}
