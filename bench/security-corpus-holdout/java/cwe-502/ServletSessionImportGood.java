package com.example.workbench;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/workspace/import")
public class ServletSessionImportGood extends HttpServlet {

    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "com.example.workbench.Workspace;com.example.workbench.Panel;java.util.ArrayList;java.lang.String;maxdepth=5;!*");

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(req.getInputStream())) {
            in.setObjectInputFilter(FILTER);
            Workspace ws = (Workspace) in.readObject();
            req.getSession().setAttribute("workspaceId", ws.getId());
            resp.setStatus(HttpServletResponse.SC_CREATED);
        } catch (ClassNotFoundException | ClassCastException e) {
            resp.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
        }
    }
}
