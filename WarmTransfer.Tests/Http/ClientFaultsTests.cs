using WarmTransfer.Web.Hosting;

namespace WarmTransfer.Tests.Http;

/// <summary>What an exception that escapes an endpoint is answered: the client's fault a 4xx, the cluster's a 503, never a 500 for either.</summary>
[Trait("Tier", Tier.Http)]
public sealed class ClientFaultsTests
{
    public static TheoryData<Exception, int> Faults => new()
    {
        { new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge), StatusCodes.Status413PayloadTooLarge },
        { new InvalidDataException("broken form"), StatusCodes.Status400BadRequest },
        { new SiloUnavailableException("silo gone"), StatusCodes.Status503ServiceUnavailable },
        { new OrleansException("no activation"), StatusCodes.Status503ServiceUnavailable },
        { new TimeoutException("no answer"), StatusCodes.Status503ServiceUnavailable },
        { new InvalidOperationException("a bug"), StatusCodes.Status500InternalServerError },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Each_fault_gets_its_status(Exception fault, int status) => Assert.Equal(status, ClientFaults.StatusCode(fault));
}
