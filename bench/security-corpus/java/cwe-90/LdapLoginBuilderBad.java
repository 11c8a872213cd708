package com.example.auth.web;

import java.util.Map;
import javax.naming.NamingEnumeration;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class LdapLoginBuilderBad {
    private DirContext directory;

    @PostMapping("/auth/ldap/lookup")
    public boolean exists(@RequestBody Map<String, String> body) throws Exception {
        StringBuilder filter = new StringBuilder("(&(objectClass=inetOrgPerson)");
        filter.append("(uid=").append(body.get("username")).append(")");
        String department = body.get("department");
        if (department != null) {
            filter.append("(ou=").append(department).append(")");
        }
        filter.append(")");
        NamingEnumeration<SearchResult> found = directory.search("ou=people,dc=corp,dc=internal", filter.toString(), new SearchControls());
        return found.hasMore();
    }
}
