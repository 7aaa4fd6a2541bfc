using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Open311;

/// <summary>
/// The service requests of a public read. Ids go through the unique code index; everything else is a range of received
/// instants (the report index leads with it), at most <see cref="ServiceRequestFilter.MaxResults"/> rows, newest first.
/// </summary>
public sealed class ServiceRequestQuery(IDbContextFactory<HotlineDbContext> contexts)
{
    public async Task<IReadOnlyList<PublicServiceRequest>> FindAsync(ServiceRequestFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cases = db.Cases.AsNoTracking();
        if (filter.Ids is { } ids)
        {
            // A list, so EF sends one parameter and the database reads the code index.
            var codes = ids.Where(i => i.Length <= CaseCode.MaxLength).ToList();
            cases = cases.Where(c => codes.Contains(c.Code));
        }
        else
        {
            var (from, to) = (filter.FromUtc, filter.ToUtc);
            cases = cases.Where(c => c.ReceivedAt >= from && c.ReceivedAt <= to);
            if (filter.ServiceCodes is { } serviceCodes)
            {
                var fields = serviceCodes.ToList();
                cases = cases.Where(c => fields.Contains(c.FieldCode));
            }

            if (filter.Statuses is { } statuses)
            {
                var wanted = statuses.ToList();
                cases = cases.Where(c => wanted.Contains(c.Status));
            }
        }

        var rows = await cases
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Take(ServiceRequestFilter.MaxResults)
            .Select(c => new PublicServiceRequest.Row(
                c.Code, c.Status, c.Result, c.FieldCode, c.Description, c.AgencyCode, c.ReceivedAt, c.UpdatedAt, c.DueAt,
                c.Address, c.Latitude, c.Longitude,
                c.Attachments.OrderBy(a => a.Id).Select(a => a.Url).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var reference = await ReferenceData.LoadAsync(db, cancellationToken);
        return [.. rows.Select(r => PublicServiceRequest.From(
            r,
            code => reference.Fields.TryGetValue(code, out var field) ? field.NameVi : code,
            code => reference.Agencies.TryGetValue(code, out var agency) ? agency.Name : code))];
    }

    /// <summary>One request by its id (the case code), or null.</summary>
    public async Task<PublicServiceRequest?> FindOneAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var found = await FindAsync(new ServiceRequestFilter([id.Trim().ToUpperInvariant()], null, default, default, null), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }
}
