using HotlineIoc.Infrastructure.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Infrastructure.Zalo;

public static class ZaloRegistration
{
    /// <summary>
    /// The Zalo channel: conversations and their triage always (old conversations stay readable), and with
    /// <c>Zalo:Enabled</c> the inbox processor and the outbox sender in the background.
    /// </summary>
    public static IServiceCollection AddZaloChannel(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = ZaloSettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<ConversationEvents>();
        services.AddSingleton<ZaloInboxSignal>();
        services.AddSingleton<ZaloOutboxSignal>();
        services.AddSingleton<ZaloInbox>();
        services.AddSingleton<ZaloOutbox>();
        services.AddSingleton<ConversationDesk>();
        services.AddSingleton(_ => new ZaloClient(new HttpClient { Timeout = TimeSpan.FromSeconds(15) }, settings));
        services.AddSingleton<ZaloTokenStore>();
        services.AddSingleton<ZaloInboxProcessor>();
        services.AddSingleton<ZaloSender>();
        if (settings.Enabled)
        {
            // Once across a cluster: one node processes the inbox and one sends replies (the claim before each send keeps
            // a reply from going twice even while a lease changes hands).
            services.AddClusterWork<ZaloInboxProcessor>();
            services.AddClusterWork<ZaloSender>();
        }

        return services;
    }
}
