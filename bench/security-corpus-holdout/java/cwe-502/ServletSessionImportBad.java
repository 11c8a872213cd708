package com.example.workbench;

import java.io.IOException;
import java.io.ObjectInputStream;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/workspace/import")
public class ServletSessionImportBad extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(req.getInputStream())) {
            Workspace ws = (Workspace) in.readObject();
            req.getSession().setAttribute("workspaceId", ws.getId());
            resp.setStatus(HttpServletResponse.SC_CREATED);
        } catch (ClassNotFoundException | ClassCastException e) {
            resp.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
        }
    }
}
