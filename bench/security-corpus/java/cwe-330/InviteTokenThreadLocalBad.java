package com.example.teams.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class InviteTokenThreadLocalBad {
    private final Map<String, String> invites = new ConcurrentHashMap<>();

    @PostMapping("/teams/{teamId}/invites")
    public Map<String, String> invite(@PathVariable long teamId, @RequestParam String email) {
        String token = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        invites.put(token, teamId + ":" + email);
        return Map.of("inviteUrl", "https://app.example.com/join/" + token);
    }
}
