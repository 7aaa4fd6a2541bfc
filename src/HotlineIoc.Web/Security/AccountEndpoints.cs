using HotlineIoc.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace HotlineIoc.Web.Security;

public static class AccountEndpoints
{
    /// <summary><c>POST /account/logout</c>: ends the person's session (and a display's, if any) and goes to the sign-in page.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/account/logout", async (HttpContext http, SignInManager<HotlineUser> signIn) =>
        {
            // The form of the page carries the token; a post from elsewhere cannot sign anyone out.
            if (!await TransportSecurity.IsValidPostAsync(http))
            {
                return Results.BadRequest();
            }

            await signIn.SignOutAsync();
            await http.SignOutAsync(DisplayTokens.Scheme);
            return Results.LocalRedirect("/account/login");
        }).DisableAntiforgery();
}
