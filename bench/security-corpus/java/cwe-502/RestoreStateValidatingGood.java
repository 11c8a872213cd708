package com.example.jobs.web;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.serialization.ValidatingObjectInputStream;

import com.example.jobs.JobState;

@WebServlet("/jobs/restore")
public class RestoreStateValidatingGood extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        try (ValidatingObjectInputStream in = new ValidatingObjectInputStream(request.getInputStream())) {
            in.accept(JobState.class, String.class, Long.class);
            JobState state = (JobState) in.readObject();
            response.getWriter().println("restored job " + state.getJobId());
        } catch (ClassNotFoundException e) {
            throw new ServletException(e);
        }
    }
}
