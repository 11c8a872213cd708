package com.example.phonebook.web;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PhonebookUnboundIdBad {
    private final LDAPConnection connection;

    public PhonebookUnboundIdBad(LDAPConnection connection) {
        this.connection = connection;
    }

    @GetMapping("/phonebook")
    public List<String> search(@RequestParam(defaultValue = "*") String surname) throws Exception {
        String term = surname.endsWith("*") ? surname : surname + "*";
        SearchResult result = connection.search("ou=people,dc=example,dc=com", SearchScope.SUB, "(sn=" + term + ")", "cn", "telephoneNumber");
        return result.getSearchEntries().stream().map(SearchResultEntry::getDN).collect(Collectors.toList());
    }
}
