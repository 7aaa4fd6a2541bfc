namespace HotlineIoc.Domain;

/// <summary>A rule of the domain was broken; the message says which and where.</summary>
public class DomainException(string message) : Exception(message);
