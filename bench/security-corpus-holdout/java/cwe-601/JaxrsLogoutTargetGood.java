package com.example.sso.api;

import java.net.URI;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;

@Path("/logout")
public class JaxrsLogoutTargetGood {

    private static final Set<String> REGISTERED = Set.of(
            "https://app.example.com/signed-out",
            "https://admin.example.com/");

    @GET
    public Response logout(@QueryParam("post_logout_redirect_uri") String target, @Context HttpServletRequest request) {
        request.getSession().invalidate();
        URI location = URI.create(target != null && REGISTERED.contains(target) ? target : "/");
        return Response.seeOther(location).build();
    }
}
