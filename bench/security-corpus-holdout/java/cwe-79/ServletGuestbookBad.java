package com.example.guestbook;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/guestbook/preview")
public class ServletGuestbookBad extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String author = req.getParameter("author");
        String message = req.getParameter("message");
        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        out.println("<div class='entry'>");
        out.println("<strong>" + author + "</strong> wrote:");
        out.println("<blockquote>" + message + "</blockquote>");
        out.println("</div>");
    }
}
