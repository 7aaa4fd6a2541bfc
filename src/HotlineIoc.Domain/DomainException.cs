namespace HotlineIoc.Domain;

/// <summary>A rule of the domain was broken; the message says which and where.</summary>
public class DomainException : Exception
{
    public DomainException(string message)
        : base(message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
