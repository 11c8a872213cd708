package com.example.sso.api;

import java.net.URI;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;

@Path("/logout")
public class JaxrsLogoutTargetBad {

    @GET
    public Response logout(@QueryParam("post_logout_redirect_uri") String target, @Context HttpServletRequest request) {
        request.getSession().invalidate();
        URI location = URI.create(target != null ? target : "/");
        return Response.seeOther(location).build();
    }
}
